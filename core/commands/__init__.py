"""Commands run by `make` (`python -m core.commands.<name>`): they only wire the other packages together.

May import every other package of core/; nothing imports a command.
"""
