"""The one exception type the CLI turns into a clean one-line error."""


class ZhbriefError(Exception):
    """A problem the user can fix (bad input, missing model part, bad glossary row).

    The CLI prints ``zhbrief: error: <message>`` on stderr and exits non-zero instead of a traceback,
    so the message must say what went wrong and, where possible, what to do about it.
    """

    exit_code = 1


class InputError(ZhbriefError):
    """The article itself cannot be read: missing, a directory, binary, empty, not Chinese."""

    exit_code = 2


class UsageError(ZhbriefError):
    """A command line that asks for something zhbrief will not do: an unknown output format, an output that
    is an input, two inputs for one output name. Exit 2, like bad input and click's own option errors."""

    exit_code = 2


class QualityFailed(ZhbriefError):
    """``--strict``: the work finished and was written, but its checks failed (every command, one code)."""

    exit_code = 3
