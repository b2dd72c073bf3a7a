def test_home_page_shows_coordinator_their_program(sign_in, coordinator, program):
    response = sign_in(coordinator).get("/home/")
    assert response.status_code == 200
    assert program.name in response.content.decode()
