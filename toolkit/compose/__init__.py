"""What both English-writing stages do with an annotation, below both: ``translation`` and ``brief`` import
from here and never from each other.

One module per concern: ``pins`` (a chunk's pins merged, pins written into the source as English),
``numbered`` (reading a model's numbered answer) and ``repair`` (the deterministic fixes the pins make
certain: amounts, forbidden forms, the company name, scope words, clock times, invented weekdays).
"""
