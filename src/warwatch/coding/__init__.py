"""The coding stage: a parsed article in, its PLOVER events out (see README.md in this folder).

Modules: ``patterns`` (declared frames and word sets), ``events`` (category, mode, negation, modality),
``statements`` and ``contexts`` (what a mention says about itself), ``actors`` and ``roles`` (who did what to
whom), ``sentence_model`` and ``classifier`` (the trained layers), ``datelines`` and ``grouping`` (which mentions
are one happening, where and when), ``coder`` (runs them for one article). Nothing is imported here, so that
loading one module does not load spaCy's whole stage.
"""
