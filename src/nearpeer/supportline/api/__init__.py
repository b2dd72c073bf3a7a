"""The support line's JSON API (mounted at /api/v1/): one router composed of the rota, the
contact records and the requests routers."""

from ninja import Router

from nearpeer.supportline.api import records, requests, rota

router = Router()
router.add_router("/", rota.router)
router.add_router("/", records.router)
router.add_router("/", requests.router)
