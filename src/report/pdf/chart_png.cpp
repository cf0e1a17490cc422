#include "report/pdf/chart_png.hpp"
