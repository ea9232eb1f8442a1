/* SPDX-License-Identifier: GPL-2.0-or-later */
/* sock.h - libei's sockets, with every wait ending at one deadline */
#ifndef ERLRC_SOCK_H
#define ERLRC_SOCK_H

#include <ei.h>

/*
 * Socket callbacks for ei_connect_xinit_ussi: TCP/IPv4 as libei's own,
 * but each wait (connect, handshake, send, receive) ends at the latest at
 * the deadline the setup context points to (a const uint64_t, in
 * erlrc_node_now_ms() time), which must outlive the connection.
 */
extern ei_socket_callbacks erlrc_sock_callbacks;

#endif
