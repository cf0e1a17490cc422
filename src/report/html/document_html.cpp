#include "report/html/document_html.hpp"
