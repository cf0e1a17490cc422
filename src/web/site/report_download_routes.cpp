#include "web/site/routes.hpp"
