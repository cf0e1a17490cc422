#include "report/kpi_attachment.hpp"
