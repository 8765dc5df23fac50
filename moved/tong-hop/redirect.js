// The chi bộ's workspace moved from tong-hop/ to chibo/: go on there, keeping the address of the
// roll-up (#/ky/…), and leave no entry for the old address in the history.
location.replace("../chibo/" + location.hash);
