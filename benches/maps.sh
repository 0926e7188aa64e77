# The generated maps the benchmark scripts share (sourced by benches/run.sh,
# benches/linearity.sh and benches/instructions.sh; they set $bin, the argraph to run, and
# $maps, the cache folder).

# map_of N: the folder of the map of N claims (N/20 actors, at least 10; seed 1), generated on
# first use into $maps/cN (same seed, same bytes).
map_of() {
    local claims=$1 dir="$maps/c$1"
    if [[ ! -f "$dir/.complete" ]]; then
        rm -rf "$dir"
        local actors=$(( claims / 20 > 10 ? claims / 20 : 10 ))
        "$bin" generate --claims "$claims" --actors "$actors" --seed 1 -o "$dir" >/dev/null
        touch "$dir/.complete"
    fi
    echo "$dir"
}
