#include "report/docx/docx_writer.hpp"
