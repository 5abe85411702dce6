#pragma once
// The OpenAPI 3 description of the HTTP API, served at /openapi.json. Tests check that
// every path it lists answers as it says.
#include <string>

namespace silkroute::server {
const std::string& openapi_document();
}
