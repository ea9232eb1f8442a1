%% sensor_srv - the vehicle counter, 2.0: a running total, counts per hour,
%% the time counting per hour began; tells sensor_stats of each count.
-module(sensor_srv).
-behaviour(gen_server).
-define(VSN, "2.0").
-vsn(?VSN).
-export([start_link/0, count/1, total/0, state/0, version/0, report/0]).
-export([init/1, handle_call/3, handle_cast/2, handle_info/2, terminate/2,
         code_change/3]).

%% 1.0: {state, Total}
-record(state, {total = 0, by_hour = #{}, since}).

start_link() ->
    gen_server:start_link({local, ?MODULE}, ?MODULE, [], []).

%% count(N) -> Total: N more vehicles went by; the new total.
count(N) when is_integer(N), N >= 0 ->
    gen_server:call(?MODULE, {count, N}).

total() ->
    gen_server:call(?MODULE, total).

%% state() -> Map: the server's state, in a form that does not depend on
%% the record: #{total => T, by_hour => #{Hour => N}, since => Seconds}.
state() ->
    gen_server:call(?MODULE, state).

%% version() -> Vsn: the version of the code the server runs.
version() ->
    gen_server:call(?MODULE, version).

%% report() -> String: the total, as text.
report() ->
    gen_server:call(?MODULE, report).

init([]) ->
    {ok, #state{since = sensor_util:timestamp()}}.

handle_call({count, N}, _From, #state{total = Total, by_hour = ByHour} = S) ->
    Hour = sensor_util:hour(sensor_util:timestamp()),
    sensor_stats:counted(N),
    {reply, Total + N,
     S#state{total = Total + N,
             by_hour = maps:update_with(Hour, fun(C) -> C + N end, N,
                                        ByHour)}};
handle_call(total, _From, S) ->
    {reply, S#state.total, S};
handle_call(state, _From, S) ->
    {reply, #{total => S#state.total, by_hour => S#state.by_hour,
              since => S#state.since}, S};
handle_call(version, _From, S) ->
    {reply, ?VSN, S};
handle_call(report, _From, S) ->
    {reply, "total: " ++ sensor_util:format_count(S#state.total), S};
handle_call(_Request, _From, S) ->
    {reply, {error, unknown_call}, S}.

handle_cast(_Msg, S) ->
    {noreply, S}.

handle_info(_Info, S) ->
    {noreply, S}.

terminate(_Reason, _S) ->
    ok.

%% Up from 1.0: keep the total; counting per hour begins now. Down to 1.0:
%% OTP calls this, the 2.0 code, before it loads 1.0's (a `dn' script runs
%% code_change, then load, for a process whose update is dynamic, the
%% default), so it must return 1.0's record.
code_change("1.0", {state, Total}, _Extra) ->
    {ok, #state{total = Total, since = sensor_util:timestamp()}};
code_change({down, "1.0"}, #state{total = Total}, _Extra) ->
    {ok, {state, Total}};
code_change(_OldVsn, #state{} = S, _Extra) ->
    {ok, S}.
