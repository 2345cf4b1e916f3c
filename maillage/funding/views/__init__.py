"""The funding pages, one module per subject (the same names as `services`, `selectors` and
`urls`); each subject's `urls` module imports its views from here."""
