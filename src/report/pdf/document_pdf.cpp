#include "report/pdf/document_pdf.hpp"
