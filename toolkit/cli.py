"""The ``zhbrief`` command line: click commands that parse options, call the library and print.

Every command lives in ``toolkit/commands/`` (one module per command or group: ``reading`` holds
``inspect`` and ``segment``); this module holds only the root group and the error handling every command
shares: a ``ZhbriefError`` — and a file argument click itself rejects — becomes one line on stderr,
``zhbrief: error: …``, with the error's exit code, never a traceback or a usage block.
"""

from __future__ import annotations

import sys

import click

from toolkit import __version__
from toolkit.errors import ZhbriefError


class _Root(click.Group):
    """Turns library errors into one line on stderr and a non-zero exit: users never see a traceback."""

    def invoke(self, ctx: click.Context):  # type: ignore[override]
        try:
            return super().invoke(ctx)
        except ZhbriefError as e:
            click.echo(f"zhbrief: error: {e}", err=True)
            ctx.exit(e.exit_code)
        except click.BadParameter as e:
            # A path click checked itself (exists/readable): the same one line as every other bad input,
            # not click's usage block. Other usage errors (a wrong option) keep click's usage and hint.
            if e.param is None or not isinstance(e.param.type, click.Path):
                raise
            click.echo(f"zhbrief: error: {e.format_message()}", err=True)
            ctx.exit(2)
        except BrokenPipeError:
            # `zhbrief ... | head` closes the pipe early; that is not an error worth a message.
            sys.stderr.close()
            ctx.exit(0)
        except KeyboardInterrupt:
            click.echo("zhbrief: interrupted", err=True)
            ctx.exit(130)


@click.group(cls=_Root, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="zhbrief")
def cli() -> None:
    """Chinese news and business articles to English briefs you can trust.

    Terms pinned by a glossary, 万/亿 amounts converted exactly, every output checked — offline, on a CPU.
    Start with `zhbrief inspect ARTICLE` to see how an article is read.
    """


# Imported after the root group exists; each module holds one command or group (the module imports stay light:
# heavy stacks load inside the commands that need them).
from toolkit.commands import batch, brief, check, glossary, models, names, numbers, reading, translate  # noqa: E402

for _command in (
    reading.inspect_cmd,
    reading.segment_cmd,
    numbers.numbers_cmd,
    names.names_cmd,
    translate.translate_cmd,
    brief.brief_cmd,
    check.check_cmd,
    batch.batch_cmd,
    glossary.glossary_group,
    models.models_group,
):
    cli.add_command(_command)


def main() -> None:
    cli(prog_name="zhbrief")


if __name__ == "__main__":
    main()
