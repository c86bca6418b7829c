"""The model-based layer: a hypothesis state machine with a model of each payment beside the
service, its rule mixins and the strategies it draws request bodies from."""
