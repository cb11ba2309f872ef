"""Sample generators: plain Python, callable without Ray or Lance (see generator.py)."""
