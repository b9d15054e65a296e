/* ner_model.c: (placeholder, being written) */
#include "recognizers.h"

typedef int bl_ner_model__placeholder;
