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


def usage_line(e: click.UsageError) -> str:
    """Click's complaint about the command line (a bad value, an unknown option or command, a missing
    argument) as the one line every error is, pointing at the command's --help instead of printing its
    usage block."""
    message = " ".join(e.format_message().split())
    # The program is zhbrief however it was started (python -m toolkit, a test runner): name it so.
    sub = e.ctx.command_path.partition(" ")[2] if e.ctx is not None else ""
    return f"zhbrief: error: {message} (see: zhbrief {sub + ' ' if sub else ''}--help)"


class _Root(click.Group):
    """Turns library errors and bad command lines into one line on stderr and the exit table's code: users
    never see a traceback or a usage block."""

    def make_context(self, info_name, args, parent=None, **extra):  # type: ignore[no-untyped-def,override]
        # The root's own options (`zhbrief --bogus`) are parsed here, before invoke.
        try:
            return super().make_context(info_name, args, parent=parent, **extra)
        except click.UsageError as e:
            click.echo(usage_line(e), err=True)
            raise click.exceptions.Exit(2) from None

    def invoke(self, ctx: click.Context):  # type: ignore[override]
        try:
            return super().invoke(ctx)
        except ZhbriefError as e:
            click.echo(f"zhbrief: error: {' '.join(str(e).splitlines())}", err=True)
            ctx.exit(e.exit_code)
        except click.UsageError as e:
            # Every bad option value, unknown option or command: exit 2, one line (click's own would be a
            # four-line usage block).
            click.echo(usage_line(e), err=True)
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
