# Varnish in front of the Newsroom app servers (README.md, "HTTP cache tier (Varnish)").
#
# Varnish stores only what the app says readers share: a response with Surrogate-Key (its
# dependency tags, newsroom/dependencies.py), for Surrogate-Control's max-age. The app purges
# by tag after each commit (newsroom/purge.py): `PURGE` with `xkey-softpurge: tag …` after an
# edit (the old page is served while one fetch renders the new one), `xkey-purge: tag …` after
# a retraction, unpublishing or deletion (gone at once, never served again).
vcl 4.1;

import std;
import xkey;

# The backends (gunicorn) and the `newsroom_purgers` ACL of this deployment: the first
# newsroom-site.vcl in varnishd's vcl_path (/etc/varnish by default); deploy/varnish has an example.
include "newsroom-site.vcl";

sub vcl_recv {
    unset req.http.X-Varnish-Stale;  # set by vcl_hit, never by a client
    if (req.method == "PURGE") {
        if (client.ip !~ newsroom_purgers) {
            return (synth(403, "Forbidden"));
        }
        if (req.http.xkey-purge) {
            set req.http.n-gone = xkey.purge(req.http.xkey-purge);
        } elsif (req.http.xkey-softpurge) {
            set req.http.n-gone = xkey.softpurge(req.http.xkey-softpurge);
        } else {
            return (synth(400, "Name the tags in xkey-purge or xkey-softpurge"));
        }
        return (synth(200, "Invalidated " + req.http.n-gone + " objects"));
    }
    # The admin, and whoever is signed in (staff previews), always reach the app, cookies and all.
    if (req.url ~ "^/admin(/|$)" || req.http.Cookie ~ "(^|;)\s*sessionid=") {
        return (pass);
    }
    if (req.method == "GET" || req.method == "HEAD") {
        # Public pages read no cookie (csrftoken, analytics'): without them they are one page.
        unset req.http.Cookie;
        # Campaign parameters, which no view reads (the app drops them, newsroom/canonical.py),
        # and the order of the rest would otherwise each be a copy in the cache.
        if (req.url ~ "[?&](utm_[a-z_]+|fbclid|gclid|msclkid|mc_cid|mc_eid)=") {
            set req.url = regsuball(req.url, "(?<=[?&])(utm_[a-z_]+|fbclid|gclid|msclkid|mc_cid|mc_eid)=[^&]*(&|$)", "");
            set req.url = regsub(req.url, "[?&]+$", "");
        }
        set req.url = std.querysort(req.url);
    }
    # Then the built-in rules: Host required, other methods passed, Authorization passed.
}

sub vcl_hash {
    # Pages hold absolute URLs: a TLS terminator's scheme is part of the page, as in the app's key.
    hash_data(req.http.X-Forwarded-Proto);
}

sub vcl_hit {
    if (obj.ttl <= 0s) {
        set req.http.X-Varnish-Stale = "1";  # in grace: served while one fetch refreshes it
    }
}

sub vcl_backend_response {
    if (bereq.uncacheable) {
        return (deliver);  # passed
    }
    set beresp.ttl = std.duration(
        regsub(beresp.http.Surrogate-Control, "(?i)^(.*[,\s])?max-age=([0-9]+).*$", "\2") + "s", 0s);
    if (!beresp.http.Surrogate-Key || beresp.http.Set-Cookie || beresp.ttl <= 0s
        || beresp.http.X-Cache == "stale") {
        # Not shared by the app (a CSRF token, a cookie, a preview, an error…), or a copy it
        # served while another request renders the page anew: fetched again for the next
        # reader, without queueing readers behind one another (hit-for-miss).
        set beresp.ttl = 120s;
        set beresp.uncacheable = true;
        return (deliver);
    }
    set beresp.http.xkey = beresp.http.Surrogate-Key;
    # Stale-while-revalidate: once its lifetime is over or it was soft-purged (an edit), a page
    # is served for a few seconds more while a single background fetch renders it anew. A hard
    # purge removes it outright, grace and all. No keep: a refetch is never conditional.
    set beresp.grace = 5s;
    set beresp.keep = 0s;
    return (deliver);
}

sub vcl_synth {
    if (req.method == "PURGE") {
        set resp.http.Content-Type = "text/plain; charset=utf-8";
        set resp.body = resp.reason + {"
"};
        return (deliver);
    }
}

sub vcl_deliver {
    # The tags and the cache lifetime are for this tier only: browsers get the app's Cache-Control.
    unset resp.http.Surrogate-Key;
    unset resp.http.Surrogate-Control;
    unset resp.http.xkey;
    if (obj.uncacheable) {
        set resp.http.X-Varnish-Cache = "PASS";
    } elsif (obj.hits > 0) {
        if (req.http.X-Varnish-Stale) {
            set resp.http.X-Varnish-Cache = "HIT-STALE";
        } else {
            set resp.http.X-Varnish-Cache = "HIT";
        }
    } else {
        set resp.http.X-Varnish-Cache = "MISS";
    }
}
