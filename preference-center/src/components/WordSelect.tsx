/** A select over a fixed set of values, each shown with its words. */
export function WordSelect<T extends string>(props: { id: string; value: T; words: Record<T, string>; onChange: (value: T) => void }) {
  return (
    <select id={props.id} value={props.value} onChange={(e) => props.onChange(e.target.value as T)}>
      {(Object.keys(props.words) as T[]).map((value) => (
        <option key={value} value={value}>
          {props.words[value]}
        </option>
      ))}
    </select>
  );
}
