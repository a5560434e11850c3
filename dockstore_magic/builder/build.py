class BuildResult:
    pass


class Builder:
    def __init__(self, engine):
        self.engine = engine

    def cache_usage(self):
        return []
