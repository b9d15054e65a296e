/* version.h: byline's version, from meson (the project() version). */
#ifndef BL_VERSION_H
#define BL_VERSION_H
#ifndef BL_VERSION
#error "BL_VERSION is defined by the build"
#endif
#endif
