# COINr as a peer: its normalisation functions on small cases (ties at both ends, missing values,
# both directions), written as a fixture Keping's tests compare against
# (packages/core/src/index-engine/fixtures/coinr-methods.json). Run by `npm run bench -- coinr`.
args <- commandArgs(trailingOnly = TRUE)
lib <- args[[1]]
out <- args[[2]]
suppressMessages(library(COINr, lib.loc = lib))

num <- function(v) paste0("[", paste(ifelse(is.na(v), "null", sprintf("%.17g", v)), collapse = ","), "]")

data <- list(
  ties_both_ends = c(3, 1, 1, 7, 9, 9, 9, 4, 2),
  missing = c(5, NA, 0, 12, 12, 3.5, NA, 8),
  zeros = c(0, 0, 2, 10, 4, 6),
  negative = c(-4, -1, 2, 2, 5, -4)
)
cases <- character(0)
add <- function(name, x, direction, method, params, y) {
  cases <<- c(cases, sprintf('{"data":"%s","direction":%d,"method":"%s","params":%s,"x":%s,"expected":%s}',
                             name, direction, method, params, num(x), num(y)))
}
for (name in names(data)) {
  x <- data[[name]]
  for (d in c(1, -1)) {
    xd <- x * d  # COINr's Normalise multiplies by the direction before the function
    add(name, x, d, "n_rank", "{}", n_rank(xd))
    add(name, x, d, "n_borda", "{}", n_borda(xd))
    add(name, x, d, "n_prank", "{}", n_prank(xd))
    add(name, x, d, "n_dist2max", "{}", n_dist2max(xd))
    add(name, x, d, "n_rank_average", "{}", n_rank(xd, ties.method = "average"))
    # goalposts take the direction themselves (called directly, as COINr documents them)
    add(name, x, d, "n_goalposts", '{"low":1,"high":8,"scale":100,"truncate":true}', n_goalposts(x, c(1, 8, 100), direction = d))
    add(name, x, d, "n_goalposts", '{"low":1,"high":8,"scale":1,"truncate":false}', n_goalposts(x, c(1, 8, 1), direction = d, trunc2posts = FALSE))
  }
  if (max(x, na.rm = TRUE) > 0) add(name, x, 1, "n_fracmax", "{}", n_fracmax(x))
}
json <- sprintf('{"peer":"COINr %s","command":"Rscript bench/peers/coinr/methods.R <lib> <out> (npm run bench -- coinr)","cases":[\n%s\n]}\n',
                as.character(utils::packageVersion("COINr", lib.loc = lib)), paste(cases, collapse = ",\n"))
writeLines(json, out, sep = "")
