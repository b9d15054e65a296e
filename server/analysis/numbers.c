/* numbers.c: (placeholder, being written) */
#include "recognizers.h"

typedef int bl_numbers__placeholder;
