"""Computer science: trees (BST, heaps), graphs (shortest paths, BFS/DFS, MST), finite-state machines."""

TEMPLATES: tuple = ()
