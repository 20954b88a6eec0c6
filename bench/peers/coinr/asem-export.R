# COINr's ASEM example after its own denomination, imputation and screening (build_example_coin(up_to =
# "Screen"), data set "Screened"), written for Keping: the data as CSV (an `id` column, then one column per
# indicator) and its 4-level tree (indicators -> pillars -> sub-indices -> index, ASEM's weights and
# directions) as a Keping index spec with nested groups (fixtures/coinr-asem-spec.json).
# Rscript bench/peers/coinr/asem-export.R <lib> <data.csv> <spec.json>
args <- commandArgs(trailingOnly = TRUE)
suppressMessages(library(COINr, lib.loc = args[[1]]))

coin <- build_example_coin(up_to = "Screen", quietly = TRUE)
data <- get_dset(coin, "Screened")
meta <- coin$Meta$Ind[!is.na(coin$Meta$Ind$Level), ]
codes <- meta$iCode[meta$Level == 1]
# 17 significant digits (write.csv keeps 15): both tools read exactly COINr's numbers
cells <- vapply(codes, function(k) ifelse(is.na(data[[k]]), "", sprintf("%.17g", data[[k]])), character(nrow(data)))
writeLines(c(paste(c("id", codes), collapse = ","), paste(data$uCode, apply(cells, 1, paste, collapse = ","), sep = ",")), args[[2]])

q <- function(s) paste0('"', gsub('"', '\\\\"', s), '"')
fmt <- function(x) sprintf("%.17g", x)
node <- function(code, indent) {
  m <- meta[meta$iCode == code, ]
  kids <- meta$iCode[!is.na(meta$Parent) & meta$Parent == code]
  pad <- strrep("  ", indent)
  head <- sprintf('{"id":%s,"name":{"en":%s},"weight":%s', q(code), q(m$iName), fmt(m$Weight))
  if (m$Level == 1) return(paste0(pad, head, sprintf(',"direction":%d}', as.integer(m$Direction))))
  key <- if (m$Level == 2) "indicators" else "groups"
  paste0(pad, head, sprintf(',"%s":[\n', key), paste(vapply(kids, node, character(1), indent + 1), collapse = ",\n"), "\n", pad, "]}")
}
top <- meta$iCode[meta$Level == max(meta$Level)]
subs <- meta$iCode[!is.na(meta$Parent) & meta$Parent == top]
spec <- paste0('{"normalisation":{"method":"minmax","range":[0,100]},"aggregation":"arithmetic","groups":[\n',
               paste(vapply(subs, node, character(1), 1), collapse = ",\n"), "\n]}\n")
writeLines(spec, args[[3]], sep = "")
