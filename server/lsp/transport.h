/* transport.h: runs a BlServer over this process's stdin and stdout with libuv.
 * stdin may be a pipe, a socket, a file or a terminal. Returns the process exit code the
 * protocol asks for (0 after shutdown + exit, 1 otherwise). */
#ifndef BL_TRANSPORT_H
#define BL_TRANSPORT_H

int bl_transport_run_stdio(void);

#endif
