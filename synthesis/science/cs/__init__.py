"""Computer science: trees (BST, heaps), graphs (shortest paths, BFS/DFS, MST), finite-state machines."""

from synthesis.science.cs.bst import BstTemplate
from synthesis.science.cs.bst_insert_edit import BstInsertEditTemplate
from synthesis.science.cs.fsm import FsmTemplate
from synthesis.science.cs.heap import HeapTemplate
from synthesis.science.cs.mst import MstTemplate
from synthesis.science.cs.shortest_path import ShortestPathTemplate
from synthesis.science.cs.traversal import TraversalTemplate
from synthesis.science.cs.traversal_question import TraversalQuestionTemplate

TEMPLATES: tuple = (
    BstTemplate,
    HeapTemplate,
    ShortestPathTemplate,
    TraversalTemplate,
    MstTemplate,
    FsmTemplate,
    BstInsertEditTemplate,
    TraversalQuestionTemplate,
)
