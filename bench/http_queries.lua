-- wrk script: cycles GET /search?q=...&limit=10 through the queries of $NSEARCH_QUERIES
-- ("qid<TAB>text" lines); with $NSEARCH_FIELDS set (e.g. "id,score") only those fields are asked
-- for, which skips stored-field fetches and snippets; $NSEARCH_EXTRA (e.g. "&exact_total=false")
-- is appended as it is.
local paths = {}
local fields = os.getenv("NSEARCH_FIELDS")
local suffix = ((fields and fields ~= "") and ("&fields=" .. fields) or "") ..
  (os.getenv("NSEARCH_EXTRA") or "")
local function urlencode(s)
  return (s:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end
for line in io.lines(os.getenv("NSEARCH_QUERIES")) do
  local text = line:match("^[^\t]+\t(.+)$")
  if text then paths[#paths + 1] = "/search?limit=10" .. suffix .. "&q=" .. urlencode(text) end
end
local i = 0
function setup(thread)
  thread:set("offset", i * 97)
  i = i + 1
end
local n = 0
function request()
  n = n + 1
  return wrk.format("GET", paths[(n + (offset or 0)) % #paths + 1])
end
