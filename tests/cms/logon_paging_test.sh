#!/bin/sh
# logon_paging_test.sh - logon_cms_test.sh on a machine of 4M real
# storage with a 40-cylinder paging area: the 20 users' 2M virtual
# machines (40M) page, and every one of them must still reach Ready, do
# its work and log off.  Before CP waited for storage (a frame for a
# page, free storage for a translation, a new VM's storage) instead of
# failing, some of the 20 got DMKLOG055E or console I/O that failed at
# once, and CMS retried it as fast as it could; before a channel program
# short of CP storage (FORMAT's Write CKDs, whose count fields go
# through bounce areas) was translated again after a wait, FORMAT of
# the T-disk ended with DMSFOR125S on a loaded host.
PAGING=40 STORAGE=4M exec sh tests/cms/logon_cms_test.sh
