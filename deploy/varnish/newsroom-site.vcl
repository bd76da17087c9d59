# This deployment's app servers and the addresses allowed to purge, for deploy/varnish/newsroom.vcl.
# An example for one gunicorn on this machine: copy it into a directory of varnishd's vcl_path
# (/etc/varnish by default) and edit it there (README.md, "HTTP cache tier (Varnish)").
#
# Several app servers: one backend each, and a director that newsroom.vcl's vcl_recv uses:
#   import directors;
#   backend app_a { .host = "10.0.0.11"; .port = "8000"; }
#   backend app_b { .host = "10.0.0.12"; .port = "8000"; }
#   sub vcl_init { new app_servers = directors.round_robin(); app_servers.add_backend(app_a); app_servers.add_backend(app_b); }
#   sub vcl_recv { set req.backend_hint = app_servers.backend(); }

backend app {
    .host = "127.0.0.1";
    .port = "8000";
    .first_byte_timeout = 30s;  # gunicorn.conf.py's worker timeout
}

# Who may send PURGE: this machine, and every app server (each purges after its commits).
acl newsroom_purgers {
    "localhost";
    "127.0.0.1";
    "::1";
}
