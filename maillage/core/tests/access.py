from tests.matrix import Expect

ACCESS = {
    "core:privacy": Expect.public(),
    "core:notifications": Expect.authenticated(),
    # POST only: a GET is refused whoever asks, after the login check for visitors.
    "core:notification_read": Expect.of(405, 405, 405, 405, 405, 405, kwargs=lambda d: {"pk": 1}),
}
