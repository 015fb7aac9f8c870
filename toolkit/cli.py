"""The ``zhbrief`` command line: click commands that parse options, call the library and print.

Command groups live in ``toolkit/commands/`` (one module per group); this module holds the root group, the
error handling every command shares, and the reading commands (``inspect``, ``segment``).
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


from toolkit.commands import reading  # noqa: E402

cli.add_command(reading.inspect_cmd)
cli.add_command(reading.segment_cmd)
# Command groups register below, one line each.
from toolkit.commands import brief as _brief; cli.add_command(_brief.brief_cmd)  # noqa: E402, E702, I001
from toolkit.commands import glossary as _glossary; cli.add_command(_glossary.glossary_group)  # noqa: E402, E702, I001
from toolkit.commands import numbers as _numbers; cli.add_command(_numbers.numbers_cmd)  # noqa: E402, E702, I001
from toolkit.commands import translate as _translate; cli.add_command(_translate.translate_cmd)  # noqa: E402, E702, I001
from toolkit.commands import batch as _batch; cli.add_command(_batch.batch_cmd)  # noqa: E402, E702, I001
from toolkit.commands import models as _models; cli.add_command(_models.models_group)  # noqa: E402, E702, I001


def main() -> None:
    cli(prog_name="zhbrief")


if __name__ == "__main__":
    main()
