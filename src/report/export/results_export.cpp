#include "report/export/results_export.hpp"
