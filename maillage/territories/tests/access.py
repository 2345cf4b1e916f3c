from tests.matrix import Expect

ACCESS = {
    "territories:index": Expect.public(),
    "territories:detail": Expect.public(kwargs=lambda d: {"slug": d.territory.slug}),
}


def sample(data):
    from maillage.territories.tests.factories import MrcFactory

    data.territory = MrcFactory(name="MRC témoin de la matrice")
