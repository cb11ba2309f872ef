"""Job specs, the Ray Data DAG, the Lance sink with resume, and the `unisynth` CLI."""
