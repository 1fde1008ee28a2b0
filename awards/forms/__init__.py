"""Forms, one module per noun: they validate and never act."""
