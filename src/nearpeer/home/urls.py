from django.urls import path

from nearpeer.home import views

# No app_name: the route is "home" everywhere ({% url 'home' %}, LOGIN_REDIRECT_URL).
urlpatterns = [
    path("home/", views.home, name="home"),
]
