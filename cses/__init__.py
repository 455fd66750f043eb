"""CSES: a Child Support Enforcement System for a state's Title IV-D program."""
