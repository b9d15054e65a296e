/* lexicon.c: (placeholder, being written) */
#include "recognizers.h"

typedef int bl_lexicon__placeholder;
