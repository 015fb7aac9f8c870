"""The tasks a batch runs, one class per task behind one base (sacrebleu's metrics/ shape): compute a result,
store it as JSON, rebuild it with ``from_dict``, render it again, and summarise it for the manifest and the
report. Nothing a batch stores is ever unpickled: a cache entry is data, never code.
"""

from __future__ import annotations

from toolkit.batch.tasks.base import InvalidResult, Task
from toolkit.batch.tasks.brief import BriefTask, brief_from_dict
from toolkit.batch.tasks.translate import TranslateTask, translation_from_dict
from toolkit.errors import ZhbriefError

TASKS: dict[str, type[Task]] = {"brief": BriefTask, "translate": TranslateTask}


def get_task(name: str) -> Task:
    try:
        return TASKS[name]()
    except KeyError:
        raise ZhbriefError(f"unknown task {name!r}; choose one of {', '.join(TASKS)}") from None


__all__ = [
    "TASKS",
    "BriefTask",
    "InvalidResult",
    "Task",
    "TranslateTask",
    "brief_from_dict",
    "get_task",
    "translation_from_dict",
]
