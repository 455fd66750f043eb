"""Payment processing pages, mounted at ``payments/`` (the receipt's money story is the
distribution app's ``payments/receipts/<pk>/``; this app's receipt page is the suspense worker's
``payments/suspense/<pk>/``)."""

from django.urls import path

from cses.receipts import views

urlpatterns = [
    path("files/", views.upload, name="payments-upload"),
    path("files/<int:pk>/", views.batch, name="payments-batch"),
    path("window/", views.window, name="payments-window"),
    path("suspense/", views.suspense, name="payments-suspense"),
    path("suspense/<int:pk>/", views.detail, name="suspense-receipt"),
    path("suspense/<int:pk>/identify/", views.identify, name="suspense-identify"),
    path("suspense/<int:pk>/refund/", views.refund, name="suspense-refund"),
    path("suspense/<int:pk>/hold/", views.hold, name="suspense-hold"),
]
