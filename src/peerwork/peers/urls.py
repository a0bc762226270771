from peerwork.peers.views import becoming, directory, my_record

app_name = "peers"

urlpatterns = directory.urlpatterns + becoming.urlpatterns + my_record.urlpatterns
