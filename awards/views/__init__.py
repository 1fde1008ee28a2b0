"""Views, one module per noun: HTTP in, a service call, a response out."""
