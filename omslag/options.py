"""Stage: entry point — what every omslag command's arguments share: Dutch help and errors.

argparse writes its own words ("usage:", "options", "the following arguments are required")
through gettext; `dutch()` gives it Dutch ones, so `omslag --help` and argument errors read in
one language. `add_delimiter_option` gives every command the same readable `--delimiter`.
"""

from __future__ import annotations

import argparse

ARGPARSE_DUTCH = {
    "usage: ": "gebruik: ",
    "positional arguments": "argumenten",
    "options": "opties",
    "show this help message and exit": "toon deze hulp en stop",
    "%(prog)s: error: %(message)s\n": "%(prog)s: fout: %(message)s\n",
    "argument %(argument_name)s: %(message)s": "argument %(argument_name)s: %(message)s",
    "the following arguments are required: %s": "deze argumenten ontbreken: %s",
    "unrecognized arguments: %s": "onbekende argumenten: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "ongeldige keuze: %(value)r (kies uit %(choices)s)",
    "invalid %(type)s value: %(value)r": "ongeldige waarde: %(value)r",
    "expected one argument": "verwacht één waarde",
    "expected at most one argument": "verwacht hooguit één waarde",
    "expected at least one argument": "verwacht minstens één waarde",
    "not allowed with argument %s": "niet samen met %s",
    "ambiguous option: %(option)s could match %(matches)s": "onduidelijke optie: %(option)s kan zijn: %(matches)s",
    "one of the arguments %s is required": "één van deze argumenten is nodig: %s",
    "unexpected option string: %s": "onverwachte optie: %s",
}


def _translate(message: str) -> str:
    return ARGPARSE_DUTCH.get(message, message)


def dutch() -> None:
    """Make argparse speak Dutch (it looks `_` up in its module at every message)."""
    argparse._ = _translate  # type: ignore[attr-defined]


DELIMITERS = {";": ";", ",": ",", "tab": "\t", "\t": "\t"}


def _delimiter(value: str) -> str:
    try:
        return DELIMITERS[value.lower()]
    except KeyError:
        raise argparse.ArgumentTypeError(f"kies ; , of tab (niet {value!r})") from None


def add_delimiter_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--delimiter",
        default=";",
        type=_delimiter,
        metavar="TEKEN",
        help="scheidingsteken in de CSV-bestanden: ; (standaard, voor Nederlandse Excel), , of tab",
    )
