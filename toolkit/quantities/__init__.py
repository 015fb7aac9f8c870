"""Chinese amounts ↔ exact values ↔ English, and the check that a translation kept them.

``find_quantities`` reads 1200万美元, 接近100万, 3-5亿, 百分之三十, 2025年前三季度 out of Chinese text;
``render_english`` writes each the one way the pipeline pins it (US$12 million, nearly 1 million,
300–500 million, 30%, the first three quarters of 2025); ``pins_for`` gives those pairs to the
translation stage; ``parse_english_amounts`` reads amounts back out of English, and ``check_fidelity``
says which source figures a translation kept, lost, or got wrong; ``amount_fixes``/``repair_english``
replace the wrong ones (the one amount repair every stage uses).

One module per concept: ``numerals`` (Chinese numerals ↔ values), ``patterns`` (the regex tables),
``tokenizer`` (matches → quantities), ``chinese_dates``, ``find`` (``find_quantities``), ``render`` (the
one English), ``english`` (amounts in English), ``fidelity`` (kept, lost or wrong) and ``english_dates``
(dates kept in the English, invented weekdays).
"""

from toolkit.quantities.english import parse_english_amounts
from toolkit.quantities.fidelity import (
    FidelityReport,
    Fix,
    Mismatch,
    amount_fixes,
    apply_fixes,
    check_fidelity,
    is_checked,
    pins_for,
    repair_english,
)
from toolkit.quantities.find import find_quantities, quantities_in_article
from toolkit.quantities.model import EnglishAmount, Quantity
from toolkit.quantities.numerals import cn_to_decimal, format_chinese_amount, int_to_chinese, to_chinese
from toolkit.quantities.render import format_number, render_english

__all__ = [
    "EnglishAmount",
    "FidelityReport",
    "Fix",
    "Mismatch",
    "Quantity",
    "amount_fixes",
    "apply_fixes",
    "check_fidelity",
    "cn_to_decimal",
    "find_quantities",
    "format_chinese_amount",
    "format_number",
    "int_to_chinese",
    "is_checked",
    "parse_english_amounts",
    "pins_for",
    "quantities_in_article",
    "render_english",
    "repair_english",
    "to_chinese",
]
