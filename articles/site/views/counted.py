"""A list whose length the database keeps already (``articles.counts.tallies``), for ``paginate``:
the paginator takes that number instead of counting the rows again."""


class Counted:
    ordered = True

    def __init__(self, queryset, count: int):
        self.queryset = queryset
        self._count = count

    def count(self) -> int:
        return self._count

    def __len__(self) -> int:
        return self._count

    def __getitem__(self, index):
        return self.queryset[index]
