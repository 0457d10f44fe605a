"""The pipeline floor: the glue between the stages and the faces (CLI, web, Python API).

``steps`` runs one input through read -> clean -> annotate -> extract; ``runner`` batches inputs under
one error policy into the store; ``pool`` and ``distributed`` spread the analysis; ``poll`` loops over
polled sources; ``relink`` is the link step over the store. A stage never imports this package.
"""
