"""What the text-rendering generator writes: languages, word lists, Faker content,
numbers, dates and prices per locale, line-break units, the phrasebook and text edits."""
