/* ner_features.c: (placeholder, being written) */
#include "recognizers.h"

typedef int bl_ner_features__placeholder;
