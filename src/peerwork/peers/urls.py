from peerwork.peers.becoming import views as becoming
from peerwork.peers.directory import views as directory
from peerwork.peers.mine import views as my_record

app_name = "peers"

urlpatterns = directory.urlpatterns + becoming.urlpatterns + my_record.urlpatterns
